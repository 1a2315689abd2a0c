import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";

// A small dataset with every kind of provenance an export reports (tests of issue 12 §6):
// an import record, a prompt template, a propose job on a named endpoint with its proposal,
// a rollout job with graded rollouts, and interventions by a person and by the model.
//   problem 1 (answer 42): trace 1 <- model intervention, accepted, 2 correct rollouts (of 3)
//                          trace 2 <- human intervention, edited, 5 correct (created later)
//   problem 2 (answer 7):  trace 3 (sampled) <- model intervention, proposed; and one that leaks "7"

export type ProvenanceSet = {
  datasetId: string;
  name: string;
  fileHash: string;
  templateId: string;
  proposeJobId: string;
  rolloutJobId: string;
  sampleJobId: string;
  ids: { accepted: string; edited: string; proposed: string; leaky: string };
};

const SAMPLING = { temperature: 0.7, top_p: 0.8, top_k: 20, max_tokens: 16384 };

export async function seedProvenanceSet(prefix: string): Promise<ProvenanceSet> {
  const name = `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
  const ds = await prisma.dataset.create({ data: { name } });
  const fileHash = sha256(`bytes of ${name}`);
  await prisma.importRecord.create({
    data: {
      datasetId: ds.id,
      fileName: "pb-train.jsonl",
      fileHash,
      format: "processbench",
      problems: 2,
      traces: 3,
      actor: "ada",
    },
  });
  const tmpl = await prisma.promptTemplate.create({
    data: { name: "int-verifier", version: 3, turn1: "t1", turn2: "t2", hash: "tmpl-hash-3" },
  });
  const propose = await prisma.job.create({
    data: {
      kind: "propose",
      datasetId: ds.id,
      status: "done",
      params: JSON.stringify({
        k: 4,
        model: "prop-model",
        templateId: tmpl.id,
        sampling: SAMPLING,
        maxPromptTokens: 30000,
        endpoint: "proposer",
        baseUrl: "http://proposer:8000/v1",
      }),
    },
  });
  const rollout = await prisma.job.create({
    data: {
      kind: "rollouts",
      datasetId: ds.id,
      status: "done",
      params: JSON.stringify({
        k: 32,
        minCorrect: 1,
        model: "roll-model",
        sampling: SAMPLING,
        baseUrl: "http://base:8000/v1",
        conditions: ["intervention"],
        grader: "int-studio-grade/0",
      }),
    },
  });
  // trace 3 was sampled by this job (attempts keep no job id: provenance lists the dataset's sampling jobs)
  const sample = await prisma.job.create({
    data: {
      kind: "sample",
      datasetId: ds.id,
      status: "done",
      params: JSON.stringify({
        n: 4,
        model: "gen-A",
        endpoint: "trained",
        baseUrl: "http://trained:8001/v1",
        sampling: SAMPLING,
      }),
    },
  });
  const problem = (statement: string, answer: string) =>
    prisma.problem.create({
      data: {
        datasetId: ds.id,
        statement,
        answer,
        referenceSolution: `ref of ${statement}`,
        contentHash: sha256(name, statement),
      },
    });
  const p1 = await problem("What is 6*7?", "42");
  const p2 = await problem("What is 3+4?", "7");
  const trace = (i: number, problemId: string, generator: string) =>
    prisma.trace.create({
      data: {
        id: `${ds.id}-t${i}`,
        datasetId: ds.id,
        problemId,
        origin: i === 3 ? "sampled" : "imported",
        text: `Setup ${i}.\n\nWrong step ${i}.\n\nSo \\boxed{0}.`,
        stepCount: 3,
        contentHash: `h${i}`,
        generator,
        externalId: `pb-${i}`,
      },
    });
  const t1 = await trace(1, p1.id, "gen-A");
  const t2 = await trace(2, p1.id, "gen-B");
  const t3 = await trace(3, p2.id, "gen-A");
  const item = async (jobId: string, key: string) =>
    (await prisma.jobItem.create({ data: { jobId, key, status: "done" } })).id;
  const proposal = async (traceId: string, key: string) =>
    prisma.proposal.create({
      data: {
        traceId,
        jobItemId: await item(propose.id, key),
        templateId: tmpl.id,
        templateHash: "tmpl-hash-3",
        model: "prop-model",
        parseOk: true,
        sampling: JSON.stringify({
          ...SAMPLING,
          maxPromptTokens: 30000,
          usage: { turn1: { prompt_tokens: 10 } },
          finishReason: "stop",
        }),
      },
    });
  const pr1 = await proposal(t1.id, "t1");
  const pr3 = await proposal(t3.id, "t3");
  const iv = (
    id: string,
    traceId: string,
    o: { status: string; origin: string; content: string; correct: number; at: string; proposalId?: string },
  ) =>
    prisma.intervention.create({
      data: {
        id: `${ds.id}-${id}`,
        traceId,
        location: 2,
        content: o.content,
        status: o.status,
        origin: o.origin,
        author: o.origin === "model" ? "prop-model" : "ada",
        contentHash: sha256(id),
        rolloutsCorrect: o.correct,
        rolloutsTotal: o.correct ? 32 : 0,
        proposalId: o.proposalId ?? null,
        createdAt: new Date(o.at),
        provenance: JSON.stringify(o.proposalId ? { via: "propose", proposalId: o.proposalId } : { via: "review" }),
      },
    });
  const accepted = await iv("i1", t1.id, {
    status: "accepted",
    origin: "model",
    content: "Multiply 6 by 7 carefully.",
    correct: 2,
    at: "2026-01-01T00:00:00Z",
    proposalId: pr1.id,
  });
  const edited = await iv("i2", t2.id, {
    status: "edited",
    origin: "human",
    content: "Recheck the product 6*7.",
    correct: 5,
    at: "2026-02-01T00:00:00Z",
  });
  const proposed = await iv("i3", t3.id, {
    status: "proposed",
    origin: "model",
    content: "Count up from 3.",
    correct: 0,
    at: "2026-01-05T00:00:00Z",
    proposalId: pr3.id,
  });
  const leaky = await iv("i4", t3.id, {
    status: "accepted",
    origin: "human",
    content: "It is 7.",
    correct: 0,
    at: "2026-01-06T00:00:00Z",
  });
  const ri = await item(rollout.id, accepted.id);
  for (let k = 0; k < 3; k++) {
    await prisma.rollout.create({
      data: {
        problemId: p1.id,
        traceId: t1.id,
        interventionId: accepted.id,
        condition: "intervention",
        sample: k,
        jobItemId: ri,
        model: "roll-model",
        sampling: JSON.stringify({ ...SAMPLING, finishReason: "stop", usage: { completion_tokens: 100 + k } }),
        text: `... \\boxed{${k < 2 ? 42 : 41}}`,
        verdict: k < 2 ? "equal" : "not_equal",
        correct: k < 2,
      },
    });
  }
  return {
    datasetId: ds.id,
    name,
    fileHash,
    templateId: tmpl.id,
    proposeJobId: propose.id,
    rolloutJobId: rollout.id,
    sampleJobId: sample.id,
    ids: { accepted: accepted.id, edited: edited.id, proposed: proposed.id, leaky: leaky.id },
  };
}
