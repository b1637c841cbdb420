/** The field's fixed lists (DOMAIN.md; seed tables 1.1 and 1.2), in their reading order. */
import type { Schemas } from "../api/client";

export type Family = Schemas["CareerIssueFamily"];
export type Kind = Schemas["CareerIssueKind"];
export type Phase = Schemas["Phase"];
export type TrajectoryStatus = Schemas["TrajectoryStatus"];
export type Outcome = Schemas["Outcome"];
export type CoachingType = Schemas["CoachingType"];

export const FAMILIES: Family[] = ["growth", "mismatch", "reorganisation"];

/** Seed, table 1.2: the kinds of each family. */
export const KINDS_BY_FAMILY: Record<Family, Kind[]> = {
  growth: ["talent_pool", "management_development", "talent_development", "job_crafting"],
  mismatch: ["problem_situation", "predictable_stagnation", "complete_blockage"],
  reorganisation: ["forced_internal_mobility", "mobility_trajectory"],
};

export const PHASES: Phase[] = ["intake", "self_analysis", "market_orientation", "action", "aftercare"];
export const TRAJECTORY_STATUSES: TrajectoryStatus[] = ["proposed", "active", "paused", "closed"];
export const OUTCOMES: Outcome[] = [
  "internal_move",
  "external_placement",
  "retained_in_role",
  "education",
  "self_employed",
  "retirement",
  "referred",
  "other",
];
export const COACHING_TYPES: CoachingType[] = [
  "choice_guidance",
  "competency_coaching",
  "life_coaching",
  "career_counselling",
  "stress_coaching",
  "youth_coaching",
  "senior_coaching",
];

/** Status moves the backend allows (trajectories/states.py). */
export const STATUS_MOVES: Record<TrajectoryStatus, TrajectoryStatus[]> = {
  proposed: ["active", "closed"],
  active: ["paused", "closed"],
  paused: ["active", "closed"],
  closed: [],
};

/** Phases reachable while active: the next one, or any earlier one (going back needs a reason). */
export function allowedPhases(current: Phase): Phase[] {
  const i = PHASES.indexOf(current);
  return [...PHASES.slice(i + 1, i + 2), ...PHASES.slice(0, i)];
}

export function isBackward(current: Phase, target: Phase): boolean {
  return PHASES.indexOf(target) < PHASES.indexOf(current);
}

export const PHASE_COLOR: Record<Phase, string> = {
  intake: "grape",
  self_analysis: "indigo",
  market_orientation: "cyan",
  action: "teal",
  aftercare: "lime",
};
