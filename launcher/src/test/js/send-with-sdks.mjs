// Sends events through the real Segment and PostHog Node SDKs to a collector.
// Usage: COLLECTOR_URL=http://127.0.0.1:8088 WRITE_KEY=wk_... RUN_ID=abc node send-with-sdks.mjs
import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';

const url = process.env.COLLECTOR_URL;
const key = process.env.WRITE_KEY;
const run = process.env.RUN_ID;

const segment = new Analytics({ writeKey: key, host: url, path: '/v1/batch', flushAt: 1, maxRetries: 2 });
segment.on('error', (err) => { console.error('segment error', err); process.exitCode = 1; });
segment.identify({ userId: `seg-${run}`, traits: { email: 'ana@example.com', plan: 'pro' } });
segment.track({ userId: `seg-${run}`, event: 'Segment SDK Order', properties: { revenue: 42.5, run } });
segment.page({ userId: `seg-${run}`, name: 'Pricing', properties: { url: 'https://shop.example/pricing?utm_source=sdk', path: '/pricing' } });
await segment.closeAndFlush({ timeout: 20000 });

const posthog = new PostHog(key, { host: url, flushAt: 1, flushInterval: 0, disableGeoip: true });
posthog.on('error', (err) => { console.error('posthog error', err); process.exitCode = 1; });
posthog.capture({ distinctId: `ph-${run}`, event: 'PostHog SDK Click', properties: { button: 'buy', run, $set: { plan: 'team' } } });
posthog.identify({ distinctId: `ph-${run}`, properties: { email: 'bo@example.com' } });
await posthog.shutdown(20000);
console.log('sent');
