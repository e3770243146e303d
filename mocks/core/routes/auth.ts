// Auth API and SSO mapping page routes (issue 4).
import { defineRoutes } from '../route';

export const authRoutes = defineRoutes([]);
