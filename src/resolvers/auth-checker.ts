import type { AuthChecker } from 'type-graphql';
import { can, type Permission } from '../auth/principal';
import type { GraphQLContext } from './context';
import { ForbiddenError, UnauthenticatedError } from './errors';

/**
 * type-graphql's `@Authorized(...permissions)` check. It throws our own errors rather than returning
 * false so that "no key" and "wrong role" stay distinguishable (UNAUTHENTICATED vs FORBIDDEN).
 */
export const authChecker: AuthChecker<GraphQLContext, Permission> = ({ context }, permissions) => {
  if (context.principal === null) throw new UnauthenticatedError();
  const missing = permissions.filter((permission) => !can(context.principal, permission));
  if (missing.length > 0) {
    throw new ForbiddenError(
      `Role "${context.principal.role}" lacks the "${missing.join('", "')}" permission`,
    );
  }
  return true;
};
