// The sample class of public/samples/ (written by scripts/gen-sample-class.mjs):
// the portal's form starts with these values, and the generator builds its
// files for them.
export const SAMPLE_CLASS = {
  policy: "dalian-2023-major-conversion",
  name: "2023年大数据开发专业3班期",
  major: "大数据开发",
  start: "2023-10-09",
  end: "2024-04-08",
  filed_months: 6,
  filed_on: "2023-09-22",
  approved_on: "2023-09-27",
  acceptance_applied_on: "2024-03-15",
  publicity_start: "2024-04-22",
  sessions: [
    { start: "08:30", end: "11:45" },
    { start: "13:30", end: "16:45" },
  ],
  lessons_per_day: 8,
  lesson_minutes: 45,
  institution: {
    name: "大连市某职业技能培训学校",
    credit_code: "91350100M000100Y43",
    // Where the class trains: DL-P1 looks it up in the deployment's register of
    // premises verified on site (examples/policies/dalian-deployment-example.toml).
    premises: "大连市沙河口区示例路8号",
    in_catalogue: true,
    premises_verified: true,
    majors: ["大数据开发", "软件系统操作"],
  },
};

/** The sample class as the values of the portal's class form. */
export function sampleForm() {
  const c = SAMPLE_CLASS;
  return {
    policy: c.policy, name: c.name, major: c.major, start: c.start, end: c.end,
    filed_months: String(c.filed_months), filed_on: c.filed_on, approved_on: c.approved_on,
    acceptance_applied_on: c.acceptance_applied_on, publicity_start: c.publicity_start,
    sessions: c.sessions.map((s) => `${s.start}-${s.end}`).join(", "),
    lessons_per_day: String(c.lessons_per_day), lesson_minutes: String(c.lesson_minutes),
    institution_name: c.institution.name, credit_code: c.institution.credit_code,
    premises: c.institution.premises,
    in_catalogue: c.institution.in_catalogue, premises_verified: c.institution.premises_verified,
    majors: c.institution.majors.join(", "),
  };
}
