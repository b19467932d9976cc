import type { OfficeDirectory } from '../shared/offices/directory';

/** Provincial agencies and regional offices of THADS after the 2025 reorganisation (34 provinces, 355 regional offices). */
export const NATIONAL_SHAPE = { provinces: 34, regionalOffices: 355 } as const;

/**
 * A generated national directory in the shape of config/offices.json: 34 provincial agencies
 * (T01 … T34) and 355 regional offices spread over them (T01KV1 …, ten or eleven each), all under
 * one mail domain. Names and addresses are placeholders: it exists to load the stack, not to be deployed.
 */
export function nationalDirectory(): OfficeDirectory {
  const offices: OfficeDirectory['offices'] = [];
  const base = Math.floor(NATIONAL_SHAPE.regionalOffices / NATIONAL_SHAPE.provinces);
  const extra = NATIONAL_SHAPE.regionalOffices % NATIONAL_SHAPE.provinces;
  for (let p = 1; p <= NATIONAL_SHAPE.provinces; p++) {
    const province = `T${String(p).padStart(2, '0')}`;
    const mailbox = province.toLowerCase();
    offices.push({
      code: province,
      level: 'province',
      province,
      name: `Thi hành án dân sự tỉnh số ${p}`,
      address: `Số ${p} đường Thử Tải, tỉnh số ${p}`,
      email: `${mailbox}@thads.example`,
      procuracyEmail: `vks.${mailbox}@vks.example`,
      headTitle: 'Trưởng Thi hành án dân sự tỉnh',
      headName: `Người đứng đầu số ${p}`,
      staff: { desk: `${mailbox}.motcua@thads.example`, head: `${mailbox}.truong@thads.example` },
    });
    for (let k = 1; k <= base + (p <= extra ? 1 : 0); k++) {
      offices.push({
        code: `${province}KV${k}`,
        level: 'regional',
        province,
        parent: province,
        name: `Phòng Thi hành án dân sự khu vực ${k} - tỉnh số ${p}`,
        address: `Số ${k} đường Thử Tải, khu vực ${k}, tỉnh số ${p}`,
        email: `${mailbox}.kv${k}@thads.example`,
        procuracyEmail: `vks.${mailbox}.kv${k}@vks.example`,
        headTitle: 'Trưởng phòng',
        headName: `Trưởng phòng khu vực ${k} tỉnh số ${p}`,
        staff: { desk: `${mailbox}.kv${k}.motcua@thads.example`, head: `${mailbox}.kv${k}.truong@thads.example` },
      });
    }
  }
  return {
    agency: { name: 'Thi hành án dân sự (thư mục sinh ra để thử tải)', mailDomain: 'thads.example', senderAddress: 'motcua@thads.example', senderName: 'Bộ phận một cửa THADS' },
    timeZone: 'Asia/Ho_Chi_Minh',
    defaultOfficeHours: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ],
    defaultAppointments: {
      sessions: [
        { name: 'sáng', from: '08:00', to: '11:30' },
        { name: 'chiều', from: '13:30', to: '16:30' },
      ],
      capacityPerSession: 8,
      leadWorkingDays: 2,
    },
    offices,
  } as OfficeDirectory;
}
