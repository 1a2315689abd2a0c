// ESLint flat config: Next's own rules (core web vitals + TypeScript), as `create-next-app` sets them up,
// plus the few project rules below. `npm run lint` fails on any warning (--max-warnings 0).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Where reading process.env is allowed: lib/env.ts (the one validated place), tool configs, and test
// tooling (unit tests, their setup, Playwright journeys, benches), which set up environments for the app.
const envReaders = ["lib/env.ts", "*.config.{ts,mjs,js}", "**/*.test.ts", "test-support/**", "e2e/**", "bench/**"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next*/**",
    "lib/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "bench/out/**",
    "data/**",
  ]),
  {
    // A disable comment that no longer suppresses anything is an error, so none lingers.
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_name` marks a value that is deliberately unused (a callback's position, a destructured-away field).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // These two come from the React Compiler's checks (eslint-plugin-react-hooks 7). The app does not run the
      // compiler (next.config.ts has no reactCompiler), and what they flag is deliberate and measured: the
      // "latest callback in a ref" idiom (use-review-keys, job-progress) and math-markdown's render cache, which
      // keeps server HTML through hydration (see its header comment); resetting form state when the trace
      // changes. Rewriting those is a behaviour change to make with the compiler, not a lint fix.
      "react-hooks/refs": "off",
      "react-hooks/set-state-in-effect": "off",
    },
  },
  {
    // Every environment variable is read and validated in lib/env.ts (and listed in .env.example).
    ignores: envReaders,
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message:
            "Read environment variables through env() in lib/env.ts (and list them in .env.example); pass a child's environment with childEnv().",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "node:process", importNames: ["env"], message: "Use env() from lib/env.ts." },
            { name: "process", importNames: ["env"], message: "Use env() from lib/env.ts." },
          ],
        },
      ],
    },
  },
]);
