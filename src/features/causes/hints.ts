// What to do about a cause: a title, a short hint, whether reprocessing will help, and the
// Microsoft Learn page that explains it. The words are read in the language in use (getters
// around t()), so a change of language re-renders them.

import { t } from '../../i18n/i18n';
import type { Cause, KnownCause, ResourceKind } from './causes';

/** Whether a reprocess is worth sending: now, only once something is fixed, or not at all. */
export type ReprocessAdvice = 'helps' | 'afterFix' | 'wontHelp';

export interface CauseHint {
  text: string;
  advice: ReprocessAdvice;
  learn: { url: string; label: string };
}

const LEARN = {
  troubleshoot: 'https://learn.microsoft.com/entra/id-governance/entitlement-management-troubleshoot',
  externalUsers: 'https://learn.microsoft.com/entra/id-governance/entitlement-management-external-users',
  catalogResources:
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-catalog-create#add-resources-to-a-catalog',
  packageResources:
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-access-package-resources',
  restoreApp: 'https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application',
  customExtensions:
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-logic-apps-integration',
  reprocess: 'https://learn.microsoft.com/graph/api/accesspackageassignmentrequest-reprocess',
} as const;

/** The page each hint links to, for tests and for the list of links a reviewer checks. */
export const LEARN_URLS: readonly string[] = Object.values(LEARN);

const troubleshootLabel = () =>
  t({ id: 'causes.learn.troubleshoot', defaultMessage: 'Troubleshoot entitlement management' });

/** The hint of each documented failure. */
export function knownCauseHint(kind: KnownCause): CauseHint {
  switch (kind) {
    case 'guestNotInSharePoint':
      return {
        advice: 'afterFix',
        text: t({
          id: 'causes.hint.guestNotInSharePoint',
          defaultMessage:
            'SharePoint Online does not know these external users yet, so they cannot be added to the site. Check that external sharing is allowed for the site and the tenant, and that each guest has accepted their invitation; then reprocess.',
        }),
        learn: {
          url: LEARN.externalUsers,
          label: t({ id: 'causes.learn.externalUsers', defaultMessage: 'Govern access for external users' }),
        },
      };
    case 'siteNotProvisioned':
      return {
        advice: 'helps',
        text: t({
          id: 'causes.hint.siteNotProvisioned',
          defaultMessage:
            'The SharePoint site was not ready when the access was delivered (it is new, or still being set up). Once the site opens in a browser, reprocess: the retry usually succeeds.',
        }),
        learn: { url: LEARN.troubleshoot, label: troubleshootLabel() },
      };
    case 'groupNotChangeable':
      return {
        advice: 'wontHelp',
        text: t({
          id: 'causes.hint.groupNotChangeable',
          defaultMessage:
            'Entitlement management cannot change the members of this group: its membership is dynamic, or it is synchronized from on-premises Active Directory. Reprocessing will not help; replace the group in the access package with a cloud group with assigned membership.',
        }),
        learn: {
          url: LEARN.catalogResources,
          label: t({
            id: 'causes.learn.catalogResources',
            defaultMessage: 'Which resources a catalog can hold',
          }),
        },
      };
    case 'groupNotFound':
      return {
        advice: 'afterFix',
        text: t({
          id: 'causes.hint.groupNotFound',
          defaultMessage:
            'The group was deleted or replaced. Reprocessing will not help until the access package delivers a group that exists: restore the group, or change the package’s resource roles; then reprocess.',
        }),
        learn: {
          url: LEARN.packageResources,
          label: t({
            id: 'causes.learn.packageResources',
            defaultMessage: 'Change the resource roles of an access package',
          }),
        },
      };
    case 'appRoleRemoved':
      return {
        advice: 'afterFix',
        text: t({
          id: 'causes.hint.appRoleRemoved',
          defaultMessage:
            'The application no longer has this app role. Reprocessing will not help until the access package’s resource roles name a role the application still has; then reprocess.',
        }),
        learn: {
          url: LEARN.packageResources,
          label: t({
            id: 'causes.learn.packageResources',
            defaultMessage: 'Change the resource roles of an access package',
          }),
        },
      };
    case 'servicePrincipalMissing':
      return {
        advice: 'afterFix',
        text: t({
          id: 'causes.hint.servicePrincipalMissing',
          defaultMessage:
            'The application’s enterprise application (service principal) is gone from the tenant. Restore it (deleted ones can be restored for 30 days) or add the application to the catalog again; then reprocess.',
        }),
        learn: {
          url: LEARN.restoreApp,
          label: t({ id: 'causes.learn.restoreApp', defaultMessage: 'Restore an enterprise application' }),
        },
      };
    case 'calloutTimedOut':
      return {
        advice: 'afterFix',
        text: t({
          id: 'causes.hint.calloutTimedOut',
          defaultMessage:
            'A custom extension (the Logic App that entitlement management calls during delivery) did not answer in time. Check the Logic App’s run history and that it calls back; once it answers again, reprocess.',
        }),
        learn: {
          url: LEARN.customExtensions,
          label: t({
            id: 'causes.learn.customExtensions',
            defaultMessage: 'Custom extensions and Logic Apps',
          }),
        },
      };
    case 'calloutFailed':
      return {
        advice: 'afterFix',
        text: t({
          id: 'causes.hint.calloutFailed',
          defaultMessage:
            'A custom extension (the Logic App that entitlement management calls during delivery) failed. Its run history says why; fix it, then reprocess.',
        }),
        learn: {
          url: LEARN.customExtensions,
          label: t({
            id: 'causes.learn.customExtensions',
            defaultMessage: 'Custom extensions and Logic Apps',
          }),
        },
      };
  }
}

/** The hint of a cause: a documented failure's, or what to look at when Graph gives no reason. */
export function causeHint(cause: Pick<Cause, 'kind'>): CauseHint {
  if (cause.kind === 'delivery' || cause.kind === 'other') {
    return {
      advice: 'helps',
      text:
        cause.kind === 'delivery'
          ? t({
              id: 'causes.hint.delivery',
              defaultMessage:
                'Graph says only that delivery failed. These requests share the access package and the kind of requestor; the request’s history in the Microsoft Entra admin center names the resource that failed. A retry often succeeds after a passing error.',
            })
          : t({
              id: 'causes.hint.other',
              defaultMessage:
                'This text matches none of the documented failures. Read it in full in the request’s details; a retry often succeeds after a passing error.',
            }),
      learn: { url: LEARN.troubleshoot, label: troubleshootLabel() },
    };
  }
  return knownCauseHint(cause.kind);
}

/** For the requests of a cause that are past the 14-day reprocess window. */
export function pastWindowHint(): CauseHint {
  return {
    advice: 'wontHelp',
    text: t({
      id: 'causes.hint.pastWindow',
      defaultMessage:
        'Graph reprocesses a request only within 14 days of its completion: reprocessing these will not help. Ask each requestor to cancel the request and request access again in My Access.',
    }),
    learn: {
      url: LEARN.reprocess,
      label: t({ id: 'causes.learn.reprocess', defaultMessage: 'Reprocess an assignment request' }),
    },
  };
}

export function adviceLabel(advice: ReprocessAdvice): string {
  switch (advice) {
    case 'helps':
      return t({ id: 'causes.advice.helps', defaultMessage: 'Reprocessing can help' });
    case 'afterFix':
      return t({ id: 'causes.advice.afterFix', defaultMessage: 'Fix first, then reprocess' });
    case 'wontHelp':
      return t({ id: 'causes.advice.wontHelp', defaultMessage: 'Reprocessing will not help' });
  }
}

export function resourceKindLabel(kind: ResourceKind): string {
  switch (kind) {
    case 'group':
      return t({ id: 'causes.resource.group', defaultMessage: 'Group' });
    case 'application':
      return t({ id: 'causes.resource.application', defaultMessage: 'Application' });
    case 'sharePointSite':
      return t({ id: 'causes.resource.sharePointSite', defaultMessage: 'SharePoint site' });
    case 'other':
      return t({ id: 'causes.resource.other', defaultMessage: 'Other resource' });
  }
}

/** The cause's name as the list shows it. */
export function causeTitle(
  cause: Pick<Cause, 'kind' | 'packageName' | 'packageId' | 'external' | 'rawText'>,
): string {
  switch (cause.kind) {
    case 'calloutTimedOut':
      return t({ id: 'causes.title.calloutTimedOut', defaultMessage: 'Custom extension timed out' });
    case 'calloutFailed':
      return t({ id: 'causes.title.calloutFailed', defaultMessage: 'Custom extension failed' });
    case 'guestNotInSharePoint':
      return t({
        id: 'causes.title.guestNotInSharePoint',
        defaultMessage: 'External user not yet known to SharePoint Online',
      });
    case 'siteNotProvisioned':
      return t({
        id: 'causes.title.siteNotProvisioned',
        defaultMessage: 'SharePoint site not provisioned yet',
      });
    case 'groupNotChangeable':
      return t({
        id: 'causes.title.groupNotChangeable',
        defaultMessage: 'Group membership can’t be changed (dynamic or on-premises)',
      });
    case 'groupNotFound':
      return t({ id: 'causes.title.groupNotFound', defaultMessage: 'Group not found' });
    case 'appRoleRemoved':
      return t({
        id: 'causes.title.appRoleRemoved',
        defaultMessage: 'App role removed from the application',
      });
    case 'servicePrincipalMissing':
      return t({
        id: 'causes.title.servicePrincipalMissing',
        defaultMessage: 'Application’s service principal not found',
      });
    case 'delivery': {
      const name =
        cause.packageName && cause.packageName.trim() !== ''
          ? cause.packageName
          : cause.packageId
            ? t(
                { id: 'queue.package.withId', defaultMessage: 'Access package {id}' },
                { id: cause.packageId },
              )
            : t({ id: 'causes.title.noPackage', defaultMessage: 'an unnamed access package' });
      return cause.external
        ? t(
            {
              id: 'causes.title.deliveryExternal',
              defaultMessage: 'Delivery failed: {name}, external requestors',
            },
            { name },
          )
        : t({ id: 'causes.title.delivery', defaultMessage: 'Delivery failed: {name}' }, { name });
    }
    case 'other':
      return t(
        { id: 'causes.title.other', defaultMessage: 'Other: “{text}”' },
        { text: cause.rawText ?? '' },
      );
  }
}
