import 'server-only';
import bcrypt from 'bcryptjs';

const COST = process.env.NODE_ENV === 'test' ? 4 : 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so timing does not reveal which emails exist.
const dummyHash = bcrypt.hashSync('not-a-real-password-0', COST);
export async function burnPasswordCheck(password: string): Promise<void> {
  await bcrypt.compare(password, dummyHash);
}
