// Every npm script must run on Node 22 (the Lambda runtime); the node@22 devDependency puts it first on PATH.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 22) {
  console.error(
    `Node ${process.versions.node} is running; this project builds and tests on Node 22 (run through npm so node_modules/.bin/node is used).`,
  );
  process.exit(1);
}
