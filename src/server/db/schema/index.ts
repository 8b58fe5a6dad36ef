export * from './audit';
export * from './identity';
export * from './policy';
export * from './region';
