/**
 * The stations area's fixed lists, in a module without zod so the renderer can import the values
 * without pulling the schemas into its bundle.
 */

/** 居家养老服务指导中心, 街道综合养老服务中心, 乡镇综合养老服务中心, 村(居)居家养老服务站, 长者饭堂/助餐点. */
export const STATION_KINDS = ['county_centre', 'street_centre', 'town_centre', 'village_station', 'canteen'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** Lifecycle steps in order; a station's state is its latest dated step. */
export const LIFECYCLE_STEPS = ['planned', 'construction', 'completed', 'accepted', 'operating', 'suspended', 'closed'] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

/** 自营, 委托第三方运营, 本土机构运营. */
export const OPERATING_MODES = ['self', 'commissioned', 'local'] as const;
export type OperatingMode = (typeof OPERATING_MODES)[number];

/** 助餐 助洁 助浴 助行 助医 康复 巡访关爱 日间照料 文化娱乐. */
export const SERVICE_TYPES = ['meals', 'cleaning', 'bathing', 'mobility', 'medical', 'rehab', 'visiting', 'day_care', 'culture'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** 医院, 乡镇卫生院, 村卫生站. */
export const PARTNER_TYPES = ['hospital', 'township_health_centre', 'village_clinic'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** 红外探测器, 摄像头, 网关, 紧急呼叫按钮, 睡眠监测仪, 其他. */
export const BED_DEVICES = ['infrared', 'camera', 'gateway', 'emergency_button', 'sleep_monitor', 'other'] as const;
export type BedDevice = (typeof BED_DEVICES)[number];
