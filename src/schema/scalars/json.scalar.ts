import { GraphQLJSON } from 'graphql-scalars';

/** Free-form JSON (metadata, merchant location). graphql-scalars' implementation, named "JSON". */
export const JSONScalar = GraphQLJSON;
