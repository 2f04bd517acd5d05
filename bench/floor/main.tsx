// The floor for the initial-JavaScript benchmark: the dependencies the dashboard cannot do
// without on its first screen (React, MSAL, React Query, Fluent's provider, button, data grid,
// a toast raised through the toaster, Fluent's light, dark and high-contrast themes, and the i18n
// runtime formatting an ICU plural) and nothing else. The dashboard's initial JS is reported as a
// ratio to this.
import { PublicClientApplication } from '@azure/msal-browser';
import { MsalProvider } from '@azure/msal-react';
import {
  Button,
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  FluentProvider,
  Toast,
  ToastTitle,
  Toaster,
  createTableColumn,
  teamsHighContrastTheme,
  useToastController,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createIntl } from '@formatjs/intl';
import { createRoot } from 'react-dom/client';

interface Row {
  id: string;
}
const columns = [
  createTableColumn<Row>({ columnId: 'id', renderHeaderCell: () => 'Id', renderCell: (r) => r.id }),
];

const intl = createIntl({ locale: navigator.language, defaultLocale: 'en', messages: {} });

function Page() {
  const { data } = useQuery({ queryKey: ['rows'], queryFn: () => Promise.resolve([{ id: '1' }]) });
  const { dispatchToast } = useToastController('toasts');
  return (
    <>
      <Button
        onClick={() =>
          dispatchToast(
            <Toast>
              <ToastTitle>Reprocess accepted</ToastTitle>
            </Toast>,
          )
        }
      >
        Reprocess
      </Button>
      <p>
        {intl.formatMessage(
          {
            id: 'count',
            defaultMessage: '{count, plural, one {# failed request} other {# failed requests}}',
          },
          { count: data?.length ?? 0 },
        )}
      </p>
      <DataGrid items={data ?? []} columns={columns}>
        <DataGridHeader>
          <DataGridRow>
            {({ renderHeaderCell }) => <DataGridHeaderCell>{renderHeaderCell()}</DataGridHeaderCell>}
          </DataGridRow>
        </DataGridHeader>
        <DataGridBody<Row>>
          {({ item, rowId }) => (
            <DataGridRow<Row> key={rowId}>
              {({ renderCell }) => <DataGridCell>{renderCell(item)}</DataGridCell>}
            </DataGridRow>
          )}
        </DataGridBody>
      </DataGrid>
      <Toaster toasterId="toasts" />
    </>
  );
}

// The dashboard picks its theme before the first render, so all three are on the first screen.
const theme = matchMedia('(forced-colors: active)').matches
  ? teamsHighContrastTheme
  : matchMedia('(prefers-color-scheme: dark)').matches
    ? webDarkTheme
    : webLightTheme;

const msal = new PublicClientApplication({ auth: { clientId: '00000000-0000-0000-0000-000000000000' } });
await msal.initialize();
createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={theme}>
    <MsalProvider instance={msal}>
      <QueryClientProvider client={new QueryClient()}>
        <Page />
      </QueryClientProvider>
    </MsalProvider>
  </FluentProvider>,
);
