// Run once by tap before the test files (`before` in .taprc): builds the template database that every
// test file clones — a PGlite data folder, or with TEST_DATABASE_URL a PostgreSQL template database —
// already migrated and seeded, so no file pays for PostGIS set-up or seeding.
import { ensureTemplate } from '../helpers/template.js';

const template = await ensureTemplate(process.env.TEST_DATABASE_URL);
console.log(`# test database template: ${template}`);
