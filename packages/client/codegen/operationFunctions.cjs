/**
 * A tiny graphql-codegen plugin: for every named operation in the documents,
 * one entry of `operations`, keyed by the operation name in camelCase
 * (`ForeignCoBuilders` -> `foreignCoBuilders`), pointing at the typed
 * document that typed-document-node generated beside it. createClient() turns
 * each entry into one typed async function (a subscription, in `subscriptions`,
 * into a function returning an async iterator), so a new operation file needs
 * no hand-written client code.
 *
 * CommonJS because graphql-codegen loads plugins with require().
 */
/* global module */
const camel = (name) => name.charAt(0).toLowerCase() + name.slice(1);

module.exports = {
  plugin(_schema, documents) {
    const names = [];
    const subscriptions = [];
    for (const { document } of documents) {
      for (const definition of document?.definitions ?? []) {
        if (definition.kind !== 'OperationDefinition') continue;
        if (!definition.name) throw new Error('Every client operation needs a name: createClient() exposes it as a function.');
        // Subscriptions stream over Server-Sent Events, not one POST: createClient() gives them functions that return async iterators.
        (definition.operation === 'subscription' ? subscriptions : names).push(definition.name.value);
      }
    }
    names.sort();
    subscriptions.sort();
    const entries = (list) => list.map((name) => `  ${camel(name)}: ${name}Document,`).join('\n');
    return (
      `\n/** Every query and mutation of src/client/operations, keyed by the name of its client function. */\nexport const operations = {\n${entries(names)}\n} as const;\n` +
      `\n/** Every subscription of src/client/operations, keyed by the name of its client function. */\nexport const subscriptions = {\n${entries(subscriptions)}\n} as const;\n`
    );
  },
};
