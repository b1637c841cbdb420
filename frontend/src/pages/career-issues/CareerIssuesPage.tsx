export function CareerIssuesPage() {
  return null;
}
