/**
 * The headline question, asked through the typed SDK: every foreign firm
 * co-building parks in Hubei, with the country each one comes from.
 *
 *   GREENGRAPH_URL=http://localhost:4000/graphql npx tsx examples/hubei.ts
 *
 * Exits 1 with the error's kind and codes when the API cannot answer.
 */
import { createClient, GreengraphError } from '@greengraph/client';

const url = process.env.GREENGRAPH_URL ?? 'http://localhost:4000/graphql';
const client = createClient({ url, apiKey: process.env.GREENGRAPH_API_KEY });

try {
  const { companies } = await client.foreignCoBuilders({ province: 'CN-HB' });
  console.log(`Foreign firms co-building parks in Hubei (${companies.totalCount}):`);
  for (const company of companies.nodes) {
    console.log(`- ${company.name} (${company.country?.name ?? 'unknown country'})`);
  }
} catch (error) {
  if (!(error instanceof GreengraphError)) throw error;
  console.error(`greengraph ${error.kind} error${error.codes.length ? ` ${error.codes.join(', ')}` : ''}: ${error.message}`);
  process.exitCode = 1;
}
