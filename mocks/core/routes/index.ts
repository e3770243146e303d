// Every route of the fake, in one table.
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { pointRoutes } from './points';
import { promoRoutes } from './promos';
import { userRoutes } from './users';
import type { Route } from '../route';

export const ROUTES: Route[] = [...userRoutes, ...pointRoutes, ...promoRoutes, ...authRoutes, ...adminRoutes];
