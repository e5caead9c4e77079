import { InvalidArgumentError } from "../errors.js";

/**
 * Seeded pseudo-random numbers that give identical streams in Node and browsers: only 32-bit
 * integer arithmetic (Math.imul, >>> 0), no platform RNG.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018). The user's seed is hashed first with
 * splitmix32-style finalisers, so seeds 0, 1, 2, ... give unrelated streams (plain small
 * seeds put nearly identical states into many generators, whose first draws then correlate).
 *
 * `fork(i)` returns an independent stream that depends only on the seed path and `i`, never on
 * how many numbers were drawn before, so parallel replicates do not depend on scheduling.
 */
export interface Rng {
  /** The seed this stream (or its root) was created from. */
  readonly seed: number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  float64(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal draw (Marsaglia polar method). */
  normal(): number;
  /** Independent stream number `i` (a non-negative integer). */
  fork(i: number): Rng;
}

/** splitmix32-style finaliser: a bijective avalanche on 32 bits. */
export function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Hashes a sequence of 32-bit words into four state words, none of them all-zero together. */
function keyFrom(words: readonly number[]): [number, number, number, number] {
  let h = 0x9e3779b9;
  for (const w of words) h = mix32((h + Math.imul(w >>> 0, 0x85ebca6b)) >>> 0) ^ 0x5bd1e995;
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let j = 0; j < 4; j++) {
    h = (h + 0x9e3779b9) >>> 0;
    out[j] = mix32(h);
  }
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1;
  return out;
}

/** Splits a safe integer seed into two 32-bit words (sign folded in) for hashing. */
function seedWords(seed: number): number[] {
  const neg = seed < 0 ? 1 : 0;
  const a = Math.abs(seed);
  return [a >>> 0, Math.floor(a / 4294967296) >>> 0, neg];
}

export function validateSeed(seed: unknown, fn: string): number {
  if (seed === undefined) return 0;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(`${fn}: seed must be a safe integer; got ${String(seed)}.`, "seed");
  }
  return seed;
}

class Xoshiro128 implements Rng {
  readonly seed: number;
  private readonly path: readonly number[];
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, path: readonly number[]) {
    this.seed = seed;
    this.path = path;
    [this.s0, this.s1, this.s2, this.s3] = keyFrom([...seedWords(seed), ...path]);
  }

  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  float64(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  int(n: number): number {
    return Math.floor(this.float64() * n);
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.float64() - 1;
      v = 2 * this.float64() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  fork(i: number): Rng {
    if (!Number.isInteger(i) || i < 0 || i > 0xffffffff) {
      throw new InvalidArgumentError(`Rng.fork: i must be an integer in [0, 2^32); got ${String(i)}.`, "i");
    }
    // 0xf0 marks a fork level so that path [a, b] never collides with a seed's own words.
    return new Xoshiro128(this.seed, [...this.path, 0xf0, i]);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Creates the root stream for `seed` (default 0). */
export function createRng(seed = 0): Rng {
  return new Xoshiro128(validateSeed(seed, "createRng"), []);
}
