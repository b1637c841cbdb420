export function CareerIssuePage() {
  return null;
}
