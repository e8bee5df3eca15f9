/*
 * The part of the WebAssembly API the kernels use (a global of Node, absent from the ES2022 lib
 * types): compile a module from the base64 bytes `npm run build:wasm` writes, make a memory, and
 * instantiate a module on a memory (every kernel module imports its memory as env.memory).
 */

/** A WebAssembly memory: its bytes, and growth by 64 KiB pages. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A compiled module (opaque). */
export type WasmModule = object;

interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * The module whose bytes are `base64`, compiled.
 *
 * @internal
 */
export function compileWasm(base64: string): WasmModule {
  return new Wasm.Module(Buffer.from(base64, "base64"));
}

/**
 * A memory of `pages` 64 KiB pages.
 *
 * @internal
 */
export function wasmMemory(pages: number): WasmMemory {
  return new Wasm.Memory({ initial: pages });
}

/**
 * An instance of `module` on `memory`, its exports as the caller's interface T says.
 *
 * @internal
 */
export function instantiateWasm<T>(module: WasmModule, memory: WasmMemory): T {
  return new Wasm.Instance(module, { env: { memory } }).exports as T;
}
