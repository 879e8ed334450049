import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultQuery } from './default-query';

/**
 * GraphiQL bundled into the service. The headers editor carries the API key: the toolkit sends those
 * headers with every HTTP request and, for a subscription, as the graphql-ws `connectionParams`, so
 * one `authorization` entry serves both transports.
 */

const wsScheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
const fetcher = createGraphiQLFetcher({
  url: `${location.origin}/graphql`,
  subscriptionUrl: `${wsScheme}//${location.host}/graphql`,
});

const container = document.getElementById('graphiql');
if (container === null) throw new Error('the page has no #graphiql element');
createRoot(container).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: defaultQuery(new Date().toISOString().slice(0, 10)),
    defaultHeaders: JSON.stringify({ authorization: 'Bearer ' }, null, 2),
    defaultEditorToolsVisibility: 'headers',
    isHeadersEditorEnabled: true,
    // A key must not outlive the tab in localStorage.
    shouldPersistHeaders: false,
  }),
);
