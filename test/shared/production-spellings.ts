// How the production External API host may be spelled in a --target: each must be recognised as production.
export const PRODUCTION_SPELLINGS = [
  'https://external.myvalue.id',
  'http://external.myvalue.id',
  'https://external.myvalue.id./',
  'https://EXTERNAL.myvalue.id',
  'https://external.myvalue.id:443',
  'http://external.myvalue.id:80/v1',
  'https://External.MyValue.ID..',
];
