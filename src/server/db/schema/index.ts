export * from './attachment';
export * from './audit';
export * from './centre';
export * from './identity';
export * from './operator';
export * from './policy';
export * from './region';
export * from './staff';
