// MyValue's hosts per target (SIGNING.md). Neither is reachable from this project's machines.
export const TARGET_HOSTS = {
  sandbox: { externalBaseUrl: 'https://external.ovaltech.id', authBaseUrl: 'https://auth.ovaltech.id' },
  production: { externalBaseUrl: 'https://external.myvalue.id', authBaseUrl: 'https://auth.ovaltech.id' },
} as const;

export type HostedTarget = keyof typeof TARGET_HOSTS;
