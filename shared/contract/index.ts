export * from './requests';
export * from './events';
export * from './envelope';
export * from './bridge';
