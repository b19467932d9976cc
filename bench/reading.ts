import { cpus } from 'node:os';
import { readAttachment } from '../shared/reading/read-attachment';
import { tesseractRecognizer } from '../shared/reading/ocr';
import { READING_MEMORY_MB } from '../infra/constructs/workflow';
import { AWS_PRICE_LIST, PRICES_RECORDED, PRICES_REGION } from './aws-prices';
import { jpeg, photographed, png, renderPage, scannedPdf, textPdf } from '../test/support/page-images';
import { sampleJudgment } from '../test/support/sample-judgment';

/**
 * Part of `npm run bench`: the reader (shared/reading) on the pages the tests make (a judgment in Tinos
 * at 200 dpi, seal, signature; a phone photo of it), timed here, on one core of this machine, one page
 * after another as the reading function takes them: pages per minute by OCR and from a PDF's text
 * layer, and what 1,000 pages cost on Lambda (arm64, at the reading function's memory) at list prices.
 * A Lambda at 2 GB has a little more than one vCPU; OCR uses one. The machine the bench runs on is
 * shared, so the figures are an order of magnitude, not a promise.
 */
const sample = sampleJudgment();
const ROUNDS = 2;

const recognizer = await tesseractRecognizer();
const options = { recognizer: async () => recognizer };

/** Seconds per page of one kind of attachment, the median of ROUNDS readings (the first warms pdf.js and the OCR model). */
async function secondsPerPage(make: () => Promise<Buffer>): Promise<{ seconds: number; pages: number; method: string }> {
  const bytes = await make();
  await readAttachment(bytes, options);
  const times: number[] = [];
  let pages = 0;
  let method = '';
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const reading = await readAttachment(bytes, options);
    times.push((performance.now() - start) / 1000);
    pages = reading.pages.length;
    method = [...new Set(reading.pages.map((p) => p.method))].join('+');
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return { seconds: median / Math.max(pages, 1), pages, method };
}

const kinds = {
  'scanned PDF (2 pages, OCR)': () => scannedPdf([png(renderPage(sample.pages[0]!)), jpeg(renderPage(sample.pages[1]!), 85)]),
  'phone photo (JPEG, OCR)': async () => jpeg(photographed(renderPage(sample.pages[0]!)), 80),
  'court PDF (2 pages, text layer)': () => textPdf(sample.pages),
};

const measured: Record<string, { pagesPerMinute: number; secondsPerPage: number; method: string }> = {};
for (const [kind, make] of Object.entries(kinds)) {
  const { seconds, method } = await secondsPerPage(make);
  measured[kind] = { pagesPerMinute: Math.round(60 / seconds), secondsPerPage: +seconds.toFixed(3), method };
}
await recognizer.close();

/**
 * What 1,000 pages cost: the function's GB-seconds at its memory, and per attachment (taken as 2 pages,
 * as the sample) one invocation, one LIST of the case's attachments, one GET, and one PUT of the text read.
 * The Step Functions transition of the step is the case's, counted in the happy path's budget.
 */
function costPer1000Pages(secondsPerPage: number) {
  const gb = READING_MEMORY_MB / 1024;
  const attachments = 1000 / 2;
  const compute = 1000 * secondsPerPage * gb * AWS_PRICE_LIST.lambdaGbSecondArm.usd;
  const requests = attachments * (AWS_PRICE_LIST.lambdaRequest.usd + AWS_PRICE_LIST.s3Put.usd * 2 + AWS_PRICE_LIST.s3Get.usd);
  return { usd: +(compute + requests).toFixed(4), computeUsd: +compute.toFixed(4), requestsUsd: +requests.toFixed(4) };
}

const ocrKind = 'scanned PDF (2 pages, OCR)';
const textKind = 'court PDF (2 pages, text layer)';
console.log(
  JSON.stringify(
    {
      reading: {
        machine: `${cpus()[0]?.model ?? 'unknown CPU'}, one page at a time on one core`,
        measured,
        lambda: {
          memoryMB: READING_MEMORY_MB,
          pricesRegion: PRICES_REGION,
          pricesRecorded: PRICES_RECORDED,
          pricesToVerify: true,
          costPer1000PagesUsd: {
            [ocrKind]: costPer1000Pages(measured[ocrKind]!.secondsPerPage),
            'phone photo (JPEG, OCR)': costPer1000Pages(measured['phone photo (JPEG, OCR)']!.secondsPerPage),
            [textKind]: costPer1000Pages(measured[textKind]!.secondsPerPage),
          },
        },
      },
    },
    null,
    2,
  ),
);
