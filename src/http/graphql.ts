import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import type { GraphQLError, GraphQLSchema, ValidationContext } from 'graphql';
import type { Logger } from '../app/logger';
import type { Principal } from '../auth/principal';
import type { ReadModel } from '../datasources/dynamo/read-model';
import { createContext, type GraphQLContext } from '../resolvers/context';
import { createFormatError, ErrorCode, QueryTooComplexError } from '../resolvers/errors';
import {
  argumentErrorsPlugin,
  errorLoggingPlugin,
  introspectionGuardPlugin,
} from '../resolvers/request-plugins';

export const GRAPHQL_PATH = '/graphql';

/**
 * Abuse limits (DESIGN §7). Dashboard queries are depth ≤ 6. Armor multiplies cost by a literal
 * `first`, so a full page (`first: 500`, every Transaction field and its four dimensions, ≈ 125k) must
 * fit; aliasing such a page a few times must not. The IDE's introspection query is exempt from depth
 * and cost (armor ignores `__schema`).
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 12,
  maxCost: 200_000,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 2000,
  bodyLimit: '1mb',
} as const;

export interface GraphQLDeps {
  schema: GraphQLSchema;
  readModel: ReadModel;
  authenticate: (authorization: string | undefined) => Principal | null;
  httpServer: http.Server;
  logger: Logger;
  development: boolean;
  /** Runs inside Apollo's drain, beside the HTTP server's: closes what HTTP draining does not see (WebSockets). */
  drain?: () => Promise<void>;
}

export interface MountedGraphQL {
  server: ApolloServer<GraphQLContext>;
  stop(): Promise<void>;
}

export function armorProtection() {
  // Reported through the validation context (HTTP 400, not 500) as our own error, so formatError can
  // answer QUERY_TOO_COMPLEX with the limit that was hit instead of a "Syntax Error" message.
  const reject = (limit: string) => ({
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, error: GraphQLError) =>
        ctx?.reportError(new QueryTooComplexError(limit, error.message.replace(/^Syntax Error: /, ''))),
    ],
  });
  return new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ...reject('maxDepth') },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, ...reject('maxCost') },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, ...reject('maxAliases') },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, ...reject('maxDirectives') },
    // graphql-js counts tokens in the parser itself (parseOptions below), which fails as a clean
    // GRAPHQL_PARSE_FAILED; armor's plugin throws out of Apollo's request pipeline instead (no answer).
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

function unauthenticated(res: express.Response, message: string): void {
  res
    .status(401)
    .set('WWW-Authenticate', 'Bearer realm="txgraph"')
    .json({ errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
}

/**
 * Every GraphQL HTTP request needs a valid key. A browser GET for HTML leaves this router untouched
 * (`next('router')`) so that an IDE mounted at the same path after us can serve it.
 */
function requireApiKey(authenticate: GraphQLDeps['authenticate']): express.RequestHandler {
  return (req, res, next) => {
    if (
      req.method === 'GET' &&
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html'
    ) {
      next('router');
      return;
    }
    const principal = authenticate(req.headers.authorization);
    if (principal === null) {
      unauthenticated(res, 'Missing or invalid API key: send "Authorization: Bearer <key>"');
      return;
    }
    res.locals['principal'] = principal;
    next();
  };
}

/** body-parser failures as GraphQL-shaped JSON instead of express's HTML error page. */
const bodyErrors: express.ErrorRequestHandler = (
  error: { type?: string; status?: number },
  _req,
  res,
  next,
) => {
  if (error.type === 'entity.too.large') {
    res.status(413).json({
      errors: [
        {
          message: `Request body exceeds ${GRAPHQL_LIMITS.bodyLimit}`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  } else if (error.type === 'entity.parse.failed') {
    res
      .status(400)
      .json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  } else {
    next(error);
  }
};

function drainPlugin(drain: () => Promise<void>): ApolloServerPlugin<GraphQLContext> {
  return {
    async serverWillStart() {
      return { drainServer: drain };
    },
  };
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

export async function mountGraphQL(app: express.Express, deps: GraphQLDeps): Promise<MountedGraphQL> {
  const armor = armorProtection();
  const server = new ApolloServer<GraphQLContext>({
    schema: deps.schema,
    csrfPrevention: true,
    // The composition root owns shutdown (drain, flush, commit, close). Apollo's own SIGINT/SIGTERM
    // handlers would stop the server and re-raise the signal, killing the process mid-drain.
    stopOnTerminationSignals: false,
    // Gated per caller by introspectionGuardPlugin; Apollo's own switch would turn it off for everyone in production.
    introspection: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: deps.development,
    formatError: createFormatError({ development: deps.development }),
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    logger: deps.logger.child({ component: 'graphql' }),
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer }),
      ...(deps.drain ? [drainPlugin(deps.drain)] : []),
      ApolloServerPluginLandingPageDisabled(),
      // Installed by default, cache control hooks willResolveField, which makes Apollo wrap every
      // field's resolver; answers are never cached here (no hints, no CDN), so that was pure cost on
      // every field of every request (bench/query.bench.ts).
      ApolloServerPluginCacheControlDisabled(),
      introspectionGuardPlugin(),
      argumentErrorsPlugin(),
      errorLoggingPlugin(deps.logger.child({ component: 'graphql' })),
    ],
  });
  await server.start();

  const router = express.Router();
  router.use(
    requireApiKey(deps.authenticate),
    express.json({ limit: GRAPHQL_LIMITS.bodyLimit }),
    bodyErrors,
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const header = req.headers['x-request-id'];
        const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
        res.setHeader('x-request-id', requestId);
        return createContext(
          (res.locals['principal'] as Principal | undefined) ?? null,
          deps.readModel,
          requestId,
        );
      },
    }),
  );
  app.use(GRAPHQL_PATH, router);

  let stopping: Promise<void> | null = null;
  return {
    server,
    stop: () => (stopping ??= server.stop()),
  };
}
