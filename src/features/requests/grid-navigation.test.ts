import { describe, expect, it } from 'vitest';
import { nextPosition, resolveStop, type GridShape, type StopId } from './grid-navigation';

const body: StopId[] = ['select', 'requestor', 'package', 'window', 'reprocess', 'details'];
const header: StopId[] = ['select', 'requestor', 'package', 'window', 'actions'];
const shape: GridShape = { count: 100, headerStops: header, bodyStops: body, pageRows: 10 };
const key = (k: string, ctrlKey = false) => ({
  key: k,
  ctrlKey,
  metaKey: false,
  altKey: false,
  shiftKey: false,
});

describe('grid navigation', () => {
  it('moves along a row and stops at its ends', () => {
    expect(nextPosition(key('ArrowLeft'), { row: 3, col: 'reprocess' }, shape)).toEqual({
      row: 3,
      col: 'window',
    });
    expect(nextPosition(key('ArrowRight'), { row: 3, col: 'details' }, shape)).toEqual({
      row: 3,
      col: 'details',
    });
    expect(nextPosition(key('Home'), { row: 3, col: 'details' }, shape)).toEqual({ row: 3, col: 'select' });
    expect(nextPosition(key('End'), { row: 3, col: 'select' }, shape)).toEqual({ row: 3, col: 'details' });
  });

  it('keeps the column through the header, whose Actions cell stands for both buttons', () => {
    const up = nextPosition(key('ArrowUp'), { row: 1, col: 'details' }, shape);
    expect(up).toEqual({ row: 0, col: 'details' });
    expect(resolveStop('details', header)).toBe('actions');
    expect(nextPosition(key('ArrowDown'), up!, shape)).toEqual({ row: 1, col: 'details' });
    expect(resolveStop('actions', body)).toBe('reprocess');
  });

  it('pages and jumps to the corners, within the rows', () => {
    expect(nextPosition(key('PageDown'), { row: 95, col: 'package' }, shape)).toEqual({
      row: 100,
      col: 'package',
    });
    expect(nextPosition(key('PageUp'), { row: 5, col: 'package' }, shape)).toEqual({
      row: 1,
      col: 'package',
    });
    expect(nextPosition(key('PageUp'), { row: 1, col: 'package' }, shape)).toEqual({
      row: 0,
      col: 'package',
    });
    expect(nextPosition(key('End', true), { row: 3, col: 'select' }, shape)).toEqual({
      row: 100,
      col: 'details',
    });
    expect(nextPosition(key('Home', true), { row: 50, col: 'details' }, shape)).toEqual({
      row: 0,
      col: 'select',
    });
    expect(nextPosition(key('a'), { row: 3, col: 'select' }, shape)).toBeUndefined();
  });

  it('falls back to the nearest stop a row has', () => {
    expect(resolveStop('reprocess', ['requestor', 'window', 'details'])).toBe('details');
    expect(resolveStop('select', ['requestor', 'details'])).toBe('requestor');
  });
});
