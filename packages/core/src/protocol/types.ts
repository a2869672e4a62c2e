// The response protocol as data: screening → priority, report facts → tasks for agencies with
// deadlines, and an escalation chain for overdue tasks. Administrators edit it as versioned data
// (the server validates it with a Zod schema of the same shape); the engine (engine.ts) applies it.
import type {
  AgencyType, Channel, EscalationLevel, PerpetratorRelation, Place, Priority, ScreeningQuestion, TaskAction, ViolenceType,
} from '../vocab.ts';

/** A deadline: clock hours from the start, or working days by Kazakhstan's calendar. */
export type Deadline = { hours: number } | { workingDays: number };

/**
 * When a rule applies. Every listed field must hold (AND); within a list any value will do (OR).
 * An empty condition always holds.
 */
export type Condition = {
  /** the report's priority is one of these (task rules only) */
  priorities?: Priority[];
  /** an incident has one of these types */
  types?: ViolenceType[];
  /** an incident happened at one of these places */
  places?: Place[];
  /** an incident names a school or happened at school (true), or none does (false) */
  schoolInvolved?: boolean;
  /** criminal indicators: a Criminal Code article, or a type of the protocol's criminalTypes */
  criminal?: boolean;
  /** all these screening questions were answered yes */
  screening?: ScreeningQuestion[];
  /** an alleged perpetrator has one of these relations to the child */
  perpetratorRelations?: PerpetratorRelation[];
  /** the report came through one of these channels */
  channels?: Channel[];
};

export type PriorityRule = { id: string; when: Omit<Condition, 'priorities'>; priority: Priority };

export type TaskRule = {
  id: string;
  when: Condition;
  agencyType: AgencyType;
  action: TaskAction;
  /** from the report's receipt */
  deadline: Deadline;
  /** a report cannot be closed while a mandatory task is open */
  mandatory: boolean;
};

/** One step of the escalation chain, taken `after` the task's due time if it is still not done. */
export type EscalationStep = { to: EscalationLevel; after: Deadline };

export type ProtocolDefinition = {
  /** priority when no priority rule matches */
  defaultPriority: Priority;
  /** every matching rule is considered; the most urgent priority wins */
  priorityRules: PriorityRule[];
  /** types that are criminal indicators by themselves (police are always told) */
  criminalTypes: ViolenceType[];
  taskRules: TaskRule[];
  /** per priority, the chain an overdue task climbs */
  escalation: Record<Priority, EscalationStep[]>;
};

/** The facts of a report that the protocol looks at. */
export type ReportFacts = {
  channel: Channel;
  screening: Partial<Record<ScreeningQuestion, boolean>>;
  incidents: {
    types: readonly ViolenceType[];
    place?: Place | null | undefined;
    schoolId?: string | null | undefined;
    legalQualification?: readonly { code: 'criminal' | 'administrative'; article: string }[] | undefined;
    perpetratorRelations?: readonly (PerpetratorRelation | null | undefined)[] | undefined;
  }[];
};

export type PlannedTask = {
  ruleId: string;
  agencyType: AgencyType;
  action: TaskAction;
  mandatory: boolean;
  deadline: Deadline;
  dueAt: Date;
};

export type ProtocolOutcome = {
  priority: Priority;
  /** the priority rules that matched (empty: the default priority) */
  priorityRuleIds: string[];
  tasks: PlannedTask[];
};
