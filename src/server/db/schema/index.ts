export * from './audit';
export * from './centre';
export * from './identity';
export * from './policy';
export * from './region';
