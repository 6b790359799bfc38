export * from './ids';
export * from './host';
export * from './vm';
export * from './application';
export * from './log';
export * from './settings';
export * from './inventory-notice';
export * from './host-import';
