export function CaseloadPage() {
  return null;
}
