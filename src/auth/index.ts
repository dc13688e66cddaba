export {
  createApiKey,
  hashKey,
  listApiKeys,
  resolveApiKey,
  revokeApiKey,
  type ApiKeyInfo,
  type Principal,
  type Role,
} from './api-keys.js';
