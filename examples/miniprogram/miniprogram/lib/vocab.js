// Labels for the engine's closed vocabularies (the values are the engine's,
// src/policy/vocab.rs; only the words are the app's) and the province codes of
// GB/T 2260, as [code, zh, en] or { value: [zh, en] }. The same words as the
// H5 trainee page (www-demo/src/trainee/vocab.js).
/** @type {Array<[string, string, string]>} */
const PROVINCES = [
  ["11", "北京市", "Beijing"], ["12", "天津市", "Tianjin"], ["13", "河北省", "Hebei"],
  ["14", "山西省", "Shanxi"], ["15", "内蒙古自治区", "Inner Mongolia"], ["21", "辽宁省", "Liaoning"],
  ["22", "吉林省", "Jilin"], ["23", "黑龙江省", "Heilongjiang"], ["31", "上海市", "Shanghai"],
  ["32", "江苏省", "Jiangsu"], ["33", "浙江省", "Zhejiang"], ["34", "安徽省", "Anhui"],
  ["35", "福建省", "Fujian"], ["36", "江西省", "Jiangxi"], ["37", "山东省", "Shandong"],
  ["41", "河南省", "Henan"], ["42", "湖北省", "Hubei"], ["43", "湖南省", "Hunan"],
  ["44", "广东省", "Guangdong"], ["45", "广西壮族自治区", "Guangxi"], ["46", "海南省", "Hainan"],
  ["50", "重庆市", "Chongqing"], ["51", "四川省", "Sichuan"], ["52", "贵州省", "Guizhou"],
  ["53", "云南省", "Yunnan"], ["54", "西藏自治区", "Tibet"], ["61", "陕西省", "Shaanxi"],
  ["62", "甘肃省", "Gansu"], ["63", "青海省", "Qinghai"], ["64", "宁夏回族自治区", "Ningxia"],
  ["65", "新疆维吾尔自治区", "Xinjiang"], ["71", "台湾省", "Taiwan"], ["81", "香港特别行政区", "Hong Kong"],
  ["82", "澳门特别行政区", "Macao"],
];

/** @type {Array<[string, string, string]>} */
const EDUCATION = [
  ["full_time_college", "全日制高校毕业生", "full-time college graduate"],
  ["technician_senior_class", "技师学院高级工班毕业生", "technician college, senior-worker class"],
  ["technician_preparatory_class", "技师学院预备技师班毕业生", "technician college, preparatory-technician class"],
  ["special_education_vocational", "特殊教育院校职业类毕业生", "special-education vocational graduate"],
  ["part_time_college", "非全日制高校毕业生", "part-time college graduate"],
  ["secondary_vocational", "中职毕业生", "secondary vocational graduate"],
  ["other", "其他", "other"],
];

/** @type {Array<[string, string, string]>} */
const KEY_GROUPS = [
  ["graduating_college_student", "毕业年度高校毕业生", "college student in the graduating year"],
  ["graduating_vocational_student", "毕业年度中职毕业生", "vocational student in the graduating year"],
  ["technician_graduate", "技工院校高级工班、预备技师班毕业生", "technician-college graduate"],
  ["liang_hou_sheng", "“两后生”（初高中毕业未升学）", "school leaver not continuing (liang hou sheng)"],
  ["rural_migrant_worker", "农村转移劳动力", "rural migrant worker"],
  ["registered_unemployed", "登记失业人员", "registered unemployed"],
  ["registered_poor", "建档立卡贫困劳动力", "registered poor"],
  ["out_of_poverty", "脱贫劳动力", "out of poverty"],
  ["veteran", "退役军人", "veteran"],
  ["disabled", "残疾人", "person with a disability"],
  ["flexible_worker", "灵活就业人员", "flexible worker"],
  ["gig_job_seeker", "零工市场求职人员", "gig-market job seeker"],
  ["low_income_rural", "农村低收入人口", "low-income rural"],
  ["urban_minimum_allowance", "城乡低保对象", "minimum-allowance recipient"],
  ["employment_difficulty", "就业困难人员", "person with employment difficulty"],
  ["zero_employment_family", "零就业家庭成员", "member of a zero-employment family"],
  ["rural_school_leaver", "农村未升学初高中毕业生", "rural school leaver"],
];

/** @type {Record<string, [string, string]>} */
const DECISIONS = {
  eligible: ["符合条件", "eligible"],
  ineligible: ["不符合条件", "not eligible"],
  needs_review: ["需核实", "needs review"],
};

/** @type {Record<string, [string, string]>} */
const STATUSES = {
  pass: ["符合", "met"],
  fail: ["不符合", "not met"],
  unknown: ["需核实", "needs review"],
};

/** @type {Record<string, [string, string]>} */
const VOUCHER_STATES = {
  applied: ["已申请", "applied"],
  issued: ["已发放", "issued"],
  claimed: ["已领用", "claimed"],
  in_training: ["培训中", "in training"],
  evaluated: ["已评价", "evaluated"],
  redeemed: ["已兑现", "redeemed"],
  written_off: ["已核销", "written off"],
  expired: ["已过期", "expired"],
  revoked: ["已撤销", "revoked"],
};

/** @type {Record<string, [string, string]>} */
const WINDOW_STATES = {
  open: ["现在可以", "open now"],
  not_yet_open: ["还没到时间", "not open yet"],
  closed: ["已经截止", "closed"],
  no_session_today: ["今天没有课", "no class today"],
  class_over: ["班期已结束", "the class is over"],
  unknown_trainee: ["不在花名册上", "not on the roster"],
};

/** @type {Record<string, [string, string]>} */
const MARKS = {
  attended: ["出勤", "attended"],
  partial: ["部分出勤", "partly attended"],
  missed: ["缺勤", "missed"],
  leave: ["请假", "leave"],
  pending: ["待定", "pending"],
  holiday: ["节假日", "holiday"],
  makeup_workday: ["调休上班日", "make-up working day"],
  not_a_training_day: ["非培训日", "not a training day"],
  upcoming: ["未到", "upcoming"],
};

module.exports = { PROVINCES, EDUCATION, KEY_GROUPS, DECISIONS, STATUSES, VOUCHER_STATES, WINDOW_STATES, MARKS };
