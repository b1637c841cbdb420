export function ImportWizardPage() {
  return null;
}
