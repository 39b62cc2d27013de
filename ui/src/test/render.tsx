import { mockIPC } from '@tauri-apps/api/mocks';
import { render } from '@testing-library/react';
import type { InvokeArgs } from '@tauri-apps/api/core';
import { App } from '../App';
import { createQueryClient } from '../queryClient';
import type { ApiError } from '../bindings/ApiError';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { ErrorDetail } from '../bindings/ErrorDetail';

export type IpcCall = { cmd: string; args: InvokeArgs | undefined };
export type IpcHandler = (cmd: string, args: InvokeArgs | undefined) => unknown;

/**
 * Renders the whole app against a mocked core. The handler answers each command (throw an ApiError
 * object to make the command reject); every call is recorded in `calls`.
 */
export function renderApp(handler: IpcHandler) {
  const calls: IpcCall[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return handler(cmd, args);
  });
  const utils = render(<App client={createQueryClient()} mantineEnv="test" />);
  return { ...utils, calls };
}

/** Rejects like the core does: `throw apiError('validation', '…', 'field')`. */
export function apiError(
  code: ErrorCode,
  message: string,
  field: string | null = null,
  details: ErrorDetail[] = [],
): ApiError {
  return { code, message, field, details };
}

export function unexpected(cmd: string): never {
  throw new Error(`unexpected IPC command in this test: ${cmd}`);
}
