export type * from './database.js';
export { DATABASE_COLUMNS } from './database.js';
export { migrate, readMigrations, SQL_DIR } from './migrate.js';
export { openDatabase, type DatabaseEngine, type DatabaseLocation, type OpenDatabase } from './open-database.js';
