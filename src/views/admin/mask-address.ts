// An e-mail address as the desk shows it: enough to tell two apart, not
// enough to write to. "reader@example.org" → "r•••@example.org".

export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  const first = [...address.slice(0, at)][0] as string;
  return `${first}•••${address.slice(at)}`;
}
