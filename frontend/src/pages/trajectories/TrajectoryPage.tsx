export function TrajectoryPage() {
  return null;
}
