// The part of Postman's collection format v2.1 the journal collection writes, as plain types: the fake
// imports nothing of the harness (src/collection) and no Postman SDK, so MSW users in a browser get it too.
// Schema: https://schema.getpostman.com/json/collection/v2.1.0/collection.json

export const POSTMAN_V21_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface PostmanVariable {
  key: string;
  value: string;
  type: 'string';
  description?: string;
}

export interface PostmanEvent {
  listen: 'prerequest' | 'test';
  script: { type: 'text/javascript'; exec: string[] };
}

export interface PostmanRequest {
  method: string;
  header: Array<{ key: string; value: string }>;
  body?: { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } };
  url: { raw: string; host: string[]; path: string[]; query?: Array<{ key: string; value: string }> };
  description?: string;
}

export interface PostmanItem {
  name: string;
  event: PostmanEvent[];
  request: PostmanRequest;
  response: [];
}

export interface PostmanCollectionV21 {
  info: { name: string; description: string; schema: typeof POSTMAN_V21_SCHEMA };
  item: PostmanItem[];
  variable: PostmanVariable[];
}
