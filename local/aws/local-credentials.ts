/** The emulators accept any credentials; these fixed ones keep the SDK from looking for real ones. */
export const LOCAL_REGION = 'us-east-1';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
