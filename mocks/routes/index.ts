// Every MyValue route of the fake (External API, Auth API, SSO page), in one table; the core adds its admin routes.
import { authRoutes } from './auth';
import { pointRoutes } from './points';
import { promoRoutes } from './promos';
import { userRoutes } from './users';
import type { Route } from './route';

export const ROUTES: Route[] = [...userRoutes, ...pointRoutes, ...promoRoutes, ...authRoutes];
