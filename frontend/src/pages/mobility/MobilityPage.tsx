export function MobilityPage() {
  return null;
}
