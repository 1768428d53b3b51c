/** xorshift128+ seeded by splitmix64: fast, and the same sequence for the same seed everywhere. */
let s0: u64 = 1;
let s1: u64 = 2;

function splitmix(x: u64): u64 {
  let z = x + 0x9e3779b97f4a7c15;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

export function seedRng(seed: u64): void {
  s0 = splitmix(seed);
  s1 = splitmix(s0 ^ 0x5851f42d4c957f2d);
  if (s0 == 0 && s1 == 0) s1 = 1;
}

let saved0: u64 = 1;
let saved1: u64 = 1;
/** Remembers the generator's state, so a scan can be run again with the same draws. */
export function saveRng(): void {
  saved0 = s0;
  saved1 = s1;
}
export function restoreRng(): void {
  s0 = saved0;
  s1 = saved1;
}

// @inline

export function nextU64(): u64 {
  let x = s0;
  const y = s1;
  s0 = y;
  x ^= x << 23;
  s1 = x ^ y ^ (x >> 17) ^ (y >> 26);
  return s1 + y;
}

/** Uniform in [0, 1). */
// @inline
export function rand(): f64 {
  return <f64>(nextU64() >> 11) * 1.1102230246251565e-16;
}

/** Uniform integer in [0, n). */
// @inline
export function randInt(n: i32): i32 {
  return <i32>(rand() * <f64>n);
}
