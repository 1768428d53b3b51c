export { type Ack, type ApiError, type Page } from './api.ts';
export {
  CreateUserRequest,
  LoginRequest,
  type LoginResponse,
  ROLES,
  type Role,
  type User,
} from './auth.ts';
