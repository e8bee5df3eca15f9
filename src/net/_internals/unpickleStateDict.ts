import type { InputError } from "../../errors.js";
import { fileFault } from "../../io/fileFault.js";
import { at } from "../../scalar/at.js";

/** What a PyTorch file must be, for every refusal of one. @internal */
export const TORCH_FILE = "a state_dict saved by torch.save (a zip archive of float tensors)";

/** A storage named by a persistent id `('storage', torch.XStorage, key, location, numel)`. */
interface PickledStorage {
  readonly kind: "storage";
  /** `FloatStorage`, `DoubleStorage`, `HalfStorage`, `BFloat16Storage`, or an integer or bool storage. */
  readonly type: string;
  readonly key: string;
  readonly numel: number;
}

/** A tensor rebuilt by `torch._utils._rebuild_tensor_v2`: a strided view of a storage. */
export interface PickledTensor {
  readonly kind: "tensor";
  readonly storage: PickledStorage;
  readonly offset: number;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
}

type Global = { readonly kind: "global"; readonly name: string };
/** A dict or OrderedDict; keys that are not strings (an optimizer's parameter ids) are kept as their text. */
export type PickledDict = { readonly kind: "dict"; readonly entries: Map<string, PickledValue> };
type Tuple = { readonly kind: "tuple"; readonly items: PickledValue[] };
type Bytes = { readonly kind: "bytes" };
/** What a checkpoint's pickle may hold: plain data, tensors, and names of allowed globals. */
export type PickledValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Global
  | PickledDict
  | Tuple
  | Bytes
  | PickledStorage
  | PickledTensor;
type Value = PickledValue;

/** The only globals a state_dict pickle may name; anything else is refused, never looked up. */
const STORAGES = new Set([
  "FloatStorage",
  "DoubleStorage",
  "HalfStorage",
  "BFloat16Storage",
  // integer and bool storages: a BatchNorm's num_batches_tracked, an optimizer's step; kept so the refusal can say why
  "LongStorage",
  "IntStorage",
  "ShortStorage",
  "CharStorage",
  "ByteStorage",
  "BoolStorage",
]);
const GLOBALS = new Set(["collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter"]);

const MARK = Symbol("mark");

/**
 * Reads the pickle `torch.save` writes (`data.pkl`) of a state_dict or of a checkpoint dict
 * (`{"model": state_dict, "optimizer": …, "epoch": 500}`) without executing anything: a small
 * stack machine that knows only the opcodes plain data uses (protocols 2 to 5: dicts, lists,
 * tuples, ints, floats, strings, bytes) and only the globals `collections.OrderedDict`,
 * `torch._utils._rebuild_tensor_v2`, `torch._utils._rebuild_parameter` and the storage classes
 * (`torch.FloatStorage` … and the integer ones). A global is a name, never a lookup; REDUCE
 * applies only those three functions to arguments of the shapes torch writes, BUILD only sets
 * the `_metadata` of an OrderedDict (ignored). A pickled module (a `torch.nn` or `__main__`
 * class) is refused saying to save `model.state_dict()`. Everything else — another opcode,
 * global or argument shape, a memo index never stored, a length past the end — is bad input.
 *
 * @param bytes - the pickle
 * @param what - the file name, for messages
 * @returns the pickled dict, tensors as strided views of storages, in the pickle's order
 * @throws InputError naming the file and the offending opcode, global or value
 * @internal
 */
export function unpickleStateDict(bytes: Uint8Array, what: string): PickledDict {
  const fault = (why: string): InputError => fileFault("PyTorch file", TORCH_FILE, what, why);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const stack: (Value | typeof MARK)[] = [];
  const memo = new Map<number, Value>();
  let p = 0;
  const need = (n: number, op: string): number => {
    if (n < 0 || p + n > bytes.length) throw fault(`opcode ${op} at byte ${p} runs past the end of the pickle`);
    const from = p;
    p += n;
    return from;
  };
  const pop = (op: string): Value => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw fault(`opcode ${op} finds no value on the stack`);
    return v;
  };
  const top = (op: string): Value => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) throw fault(`opcode ${op} finds no value on the stack`);
    return v;
  };
  const popMark = (op: string): Value[] => {
    const i = stack.lastIndexOf(MARK);
    if (i < 0) throw fault(`opcode ${op} finds no MARK`);
    const items = stack.splice(i) as Value[];
    items.shift();
    return items;
  };
  const text = (from: number, n: number, op: string): string => {
    try {
      return utf8.decode(bytes.subarray(from, from + n));
    } catch {
      throw fault(`opcode ${op} holds text that is not UTF-8`);
    }
  };
  const line = (op: string): string => {
    const end = bytes.indexOf(0x0a, p);
    if (end < 0) throw fault(`opcode ${op} at byte ${p} has no end of line`);
    const s = text(p, end - p, op);
    p = end + 1;
    return s;
  };
  const global = (module: string, name: string): Global => {
    const full = `${module}.${name}`;
    if (GLOBALS.has(full) || (module === "torch" && STORAGES.has(name))) return { kind: "global", name: full };
    if (module === "__main__" || module.startsWith("torch.nn."))
      throw fault(`it holds a pickled module (\`${full}\`): save \`model.state_dict()\`, not the model`);
    throw fault(`it names the global \`${full}\`, which a state_dict of float tensors never needs (refused, not executed)`);
  };
  const setItems = (target: Value, items: Value[], op: string): void => {
    if (target === null || typeof target !== "object" || target.kind !== "dict") throw fault(`opcode ${op} sets items on a non-dict`);
    if (items.length % 2 !== 0) throw fault(`opcode ${op} has a key without a value`);
    for (let i = 0; i < items.length; i += 2) {
      const key = at(items, i);
      if (typeof key !== "string" && typeof key !== "number" && typeof key !== "bigint")
        throw fault(`a dict key is not a string or an integer: \`${describe(key)}\``);
      target.entries.set(String(key), at(items, i + 1));
    }
  };
  const appendItems = (target: Value, items: Value[], op: string): void => {
    // lists are kept as tuples: relutopo only reads them, never changes them
    if (target === null || typeof target !== "object" || target.kind !== "tuple") throw fault(`opcode ${op} appends to a non-list`);
    target.items.push(...items);
  };
  const int = (v: Value, field: string): number => {
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
      throw fault(`${field} is not a non-negative integer: \`${describe(v)}\``);
    return v;
  };
  const ints = (v: Value, field: string): number[] => {
    if (v === null || typeof v !== "object" || v.kind !== "tuple") throw fault(`${field} is not a tuple: \`${describe(v)}\``);
    return v.items.map((x, i) => int(x, `${field}[${i}]`));
  };
  const reduce = (fn: Value, args: Value): Value => {
    if (fn === null || typeof fn !== "object" || fn.kind !== "global")
      throw fault(`REDUCE calls \`${describe(fn)}\`, not an allowed global`);
    if (args === null || typeof args !== "object" || args.kind !== "tuple") throw fault(`REDUCE of \`${fn.name}\` has no argument tuple`);
    const a = args.items;
    if (fn.name === "collections.OrderedDict") {
      if (a.length !== 0) throw fault("collections.OrderedDict is called with arguments");
      return { kind: "dict", entries: new Map() };
    }
    if (fn.name === "torch._utils._rebuild_tensor_v2") {
      // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
      if (a.length !== 6 && a.length !== 7) throw fault(`_rebuild_tensor_v2 takes 6 or 7 arguments, not ${a.length}`);
      const storage = at(a, 0);
      if (storage === null || typeof storage !== "object" || storage.kind !== "storage")
        throw fault(`_rebuild_tensor_v2 is given \`${describe(storage)}\` for a storage`);
      const offset = int(at(a, 1), "storage_offset");
      const shape = ints(at(a, 2), "size");
      const stride = ints(at(a, 3), "stride");
      if (stride.length !== shape.length) throw fault(`a tensor has size of ${shape.length} dimensions but stride of ${stride.length}`);
      if (typeof a[4] !== "boolean") throw fault("requires_grad is not a boolean");
      for (const extra of a.slice(5)) {
        const empty = extra === null || (typeof extra === "object" && extra.kind === "dict" && extra.entries.size === 0);
        if (!empty) throw fault("a tensor carries backward hooks or metadata");
      }
      return { kind: "tensor", storage, offset, shape, stride };
    }
    if (fn.name === "torch._utils._rebuild_parameter") {
      // (data, requires_grad, backward_hooks)
      const data = a[0];
      if (a.length !== 3 || data === null || typeof data !== "object" || data.kind !== "tensor")
        throw fault("_rebuild_parameter is not given (tensor, requires_grad, backward_hooks)");
      return data;
    }
    throw fault(`REDUCE calls \`${fn.name}\`, which is a class, not a function`);
  };
  for (;;) {
    if (p >= bytes.length) throw fault("the pickle ends without STOP");
    const start = p;
    const op = view.getUint8(p++);
    const name = `0x${op.toString(16).padStart(2, "0")}`;
    switch (op) {
      case 0x80: // PROTO
        {
          const protocol = view.getUint8(need(1, "PROTO"));
          if (protocol < 2 || protocol > 5) throw fault(`pickle protocol ${protocol} (supported: 2 to 5)`);
        }
        break;
      case 0x95: // FRAME: a length hint
        need(8, "FRAME");
        break;
      case 0x2e: {
        // STOP
        const result = pop("STOP");
        if (stack.length !== 0) throw fault("values are left on the stack at STOP");
        if (p !== bytes.length) throw fault(`${bytes.length - p} bytes follow STOP`);
        if (result === null || typeof result !== "object" || result.kind !== "dict")
          throw fault(`it holds \`${describe(result)}\`, not a state_dict`);
        return result;
      }
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x7d: // EMPTY_DICT
        stack.push({ kind: "dict", entries: new Map() });
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push({ kind: "tuple", items: [] });
        break;
      case 0x74: // TUPLE
        stack.push({ kind: "tuple", items: popMark("TUPLE") });
        break;
      case 0x85:
      case 0x86:
      case 0x87: {
        // TUPLE1, TUPLE2, TUPLE3
        const n = op - 0x84;
        const items: Value[] = [];
        for (let i = 0; i < n; i++) items.unshift(pop(`TUPLE${n}`));
        stack.push({ kind: "tuple", items });
        break;
      }
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
      case 0x89: // NEWFALSE
        stack.push(op === 0x88);
        break;
      case 0x4b: // BININT1
        stack.push(view.getUint8(need(1, "BININT1")));
        break;
      case 0x4d: // BININT2
        stack.push(view.getUint16(need(2, "BININT2"), true));
        break;
      case 0x4a: // BININT
        stack.push(view.getInt32(need(4, "BININT"), true));
        break;
      case 0x8a: {
        // LONG1: n bytes of two's complement, little-endian
        const n = view.getUint8(need(1, "LONG1"));
        const s = need(n, "LONG1");
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(view.getUint8(s + i));
        if (n > 0 && view.getUint8(s + n - 1) >= 0x80) v -= 1n << BigInt(8 * n);
        // an integer past 2^53 (a seed, a byte count) stays a BigInt: only tensor fields must be small
        stack.push(v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER) ? v : Number(v));
        break;
      }
      case 0x47: // BINFLOAT: a big-endian double (a learning rate, a loss)
        stack.push(view.getFloat64(need(8, "BINFLOAT"), false));
        break;
      case 0x5d: // EMPTY_LIST
        stack.push({ kind: "tuple", items: [] });
        break;
      case 0x6c: // LIST
        stack.push({ kind: "tuple", items: popMark("LIST") });
        break;
      case 0x61: {
        // APPEND
        const v = pop("APPEND");
        appendItems(top("APPEND"), [v], "APPEND");
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark("APPENDS");
        appendItems(top("APPENDS"), items, "APPENDS");
        break;
      }
      case 0x64: {
        // DICT
        const dict: Value = { kind: "dict", entries: new Map() };
        setItems(dict, popMark("DICT"), "DICT");
        stack.push(dict);
        break;
      }
      case 0x30: // POP
        pop("POP");
        break;
      case 0x31: // POP_MARK
        popMark("POP_MARK");
        break;
      case 0x43: // SHORT_BINBYTES
        need(view.getUint8(need(1, "SHORT_BINBYTES")), "SHORT_BINBYTES");
        stack.push({ kind: "bytes" });
        break;
      case 0x42: // BINBYTES
        need(view.getUint32(need(4, "BINBYTES"), true), "BINBYTES");
        stack.push({ kind: "bytes" });
        break;
      case 0x8d: {
        // BINUNICODE8
        const n = Number(view.getBigUint64(need(8, "BINUNICODE8"), true));
        stack.push(text(need(n, "BINUNICODE8"), n, "BINUNICODE8"));
        break;
      }
      case 0x58: {
        // BINUNICODE
        const n = view.getUint32(need(4, "BINUNICODE"), true);
        stack.push(text(need(n, "BINUNICODE"), n, "BINUNICODE"));
        break;
      }
      case 0x8c: {
        // SHORT_BINUNICODE
        const n = view.getUint8(need(1, "SHORT_BINUNICODE"));
        stack.push(text(need(n, "SHORT_BINUNICODE"), n, "SHORT_BINUNICODE"));
        break;
      }
      case 0x63: {
        // GLOBAL "module\nname\n"
        const module = line("GLOBAL");
        stack.push(global(module, line("GLOBAL")));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const n = pop("STACK_GLOBAL");
        const m = pop("STACK_GLOBAL");
        if (typeof m !== "string" || typeof n !== "string") throw fault("STACK_GLOBAL is given names that are not strings");
        stack.push(global(m, n));
        break;
      }
      case 0x71: // BINPUT
      case 0x72: // LONG_BINPUT
        memo.set(op === 0x71 ? view.getUint8(need(1, "BINPUT")) : view.getUint32(need(4, "LONG_BINPUT"), true), top("BINPUT"));
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top("MEMOIZE"));
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const i = op === 0x68 ? view.getUint8(need(1, "BINGET")) : view.getUint32(need(4, "LONG_BINGET"), true);
        if (!memo.has(i)) throw fault(`BINGET of memo ${i}, never stored`);
        stack.push(memo.get(i)!);
        break;
      }
      case 0x51: {
        // BINPERSID: ('storage', torch.XStorage, key, location, numel)
        const pid = pop("BINPERSID");
        if (pid === null || typeof pid !== "object" || pid.kind !== "tuple" || pid.items.length !== 5 || pid.items[0] !== "storage")
          throw fault(`a persistent id is not ('storage', type, key, location, numel): \`${describe(pid)}\``);
        const [, type, key, location, numel] = pid.items;
        if (type === null || typeof type !== "object" || type.kind !== "global" || !STORAGES.has(type.name.slice("torch.".length)))
          throw fault(
            `a storage has type \`${describe(type!)}\` (supported: torch.FloatStorage, DoubleStorage, HalfStorage, BFloat16Storage)`,
          );
        if (typeof key !== "string" || !/^[0-9A-Za-z_]+$/.test(key)) throw fault(`a storage key is \`${describe(key!)}\``);
        if (typeof location !== "string") throw fault("a storage location is not a string");
        stack.push({ kind: "storage", type: type.name.slice("torch.".length), key, numel: int(numel!, "numel") });
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop("REDUCE");
        stack.push(reduce(pop("REDUCE"), args));
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop("SETITEM");
        const k = pop("SETITEM");
        setItems(top("SETITEM"), [k, v], "SETITEM");
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark("SETITEMS");
        setItems(top("SETITEMS"), items, "SETITEMS");
        break;
      }
      case 0x62: {
        // BUILD: only an OrderedDict's instance dict (state_dict's `_metadata`), which is dropped
        const state = pop("BUILD");
        const target = top("BUILD");
        const ok =
          target !== null &&
          typeof target === "object" &&
          target.kind === "dict" &&
          state !== null &&
          typeof state === "object" &&
          state.kind === "dict";
        if (!ok) throw fault("BUILD sets the state of something other than a dict");
        break;
      }
      default:
        throw fault(`opcode ${name} at byte ${start} is not one a state_dict pickle uses (refused, not executed)`);
    }
  }
}

/** A value in a few words: nesting and long tuples are cut, so a hostile value gives a short message. @internal */
export function describe(v: Value, depth = 0): string {
  if (v === null) return "None";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v !== "object") return String(v);
  if (v.kind === "global") return v.name;
  if (v.kind === "tuple") {
    if (depth >= 2) return "(…)";
    const items = v.items.slice(0, 5).map((x) => describe(x, depth + 1));
    return `(${items.join(", ")}${v.items.length > 5 ? ", …" : ""})`;
  }
  return v.kind;
}
