import { getTeamAgreement } from "@/lib/data/team-agreement";
import { TeamAgreementPanel } from "./team-agreement-panel";

/** Server part of the agreement section: its own cached read, streamed in after the rest of Analysis. */
export async function TeamAgreementSection({ datasetId, name }: { datasetId: string; name: string }) {
  return <TeamAgreementPanel report={await getTeamAgreement(datasetId)} name={name} />;
}
