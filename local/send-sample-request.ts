import nodemailer from 'nodemailer';
import { parseArgs } from 'node:util';
import { officeDirectory } from '../shared/offices/default-directory';
import { samplePdf } from './sample-pdf';

/** Sends one request for enforcement to the local SMTP server, as a citizen would e-mail it. */
const { values } = parseArgs({
  options: {
    to: { type: 'string', default: officeDirectory.offices[0]!.email },
    from: { type: 'string', default: 'nguyen.van.an@example.com' },
    name: { type: 'string', default: 'Nguyễn Văn An' },
    port: { type: 'string', default: process.env.MOTCUA_SMTP_PORT ?? '2525' },
    host: { type: 'string', default: process.env.MOTCUA_HOST ?? '127.0.0.1' },
  },
});

const transport = nodemailer.createTransport({ host: values.host, port: Number(values.port), secure: false, ignoreTLS: true });
const info = await transport.sendMail({
  from: { name: values.name!, address: values.from! },
  to: values.to,
  subject: 'Đơn yêu cầu thi hành án - Bản án số 12/2026/DS-ST',
  text: [
    'Kính gửi Phòng Thi hành án dân sự,',
    '',
    'Tôi là Nguyễn Văn An, địa chỉ: số 5 đường Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh.',
    'Tôi yêu cầu thi hành Bản án số 12/2026/DS-ST ngày 05/01/2026 của Tòa án nhân dân khu vực 1 - TP. Hồ Chí Minh,',
    'buộc bà Trần Thị Bình (địa chỉ: số 9 đường Hai Bà Trưng) trả cho tôi số tiền 200.000.000 đồng.',
    '',
    'Đính kèm: bản án và đơn yêu cầu.',
    'Nguyễn Văn An',
  ].join('\n'),
  attachments: [{ filename: 'Bản án số 12-2026-DS-ST.pdf', content: samplePdf('Ban an so 12/2026/DS-ST'), contentType: 'application/pdf' }],
});
console.log(`sent ${info.messageId} to ${values.to}: ${info.response}`);
