import "server-only";
import type { DemoStatement } from "../demo-types";
import { THREE_GPP_CT_STATEMENTS } from "./3gpp-ct";
import { THREE_GPP_SA_STATEMENTS } from "./3gpp-sa";
import { IEEE_BBF_STATEMENTS } from "./ieee-bbf";
import { ITU_T_STATEMENTS } from "./itu-t";
import { LEADERSHIP_STATEMENTS } from "./leadership";
import { OTHER_SDO_STATEMENTS } from "./other-sdos";
import { QUIC_STATEMENTS } from "./quic";

/**
 * The demo statements. Order matters only for readability and ids: statements that others respond to come
 * first in their file, but the seed creates all of them before linking relations.
 */
export const DEMO_STATEMENTS: readonly DemoStatement[] = [
  ...QUIC_STATEMENTS,
  ...THREE_GPP_SA_STATEMENTS,
  ...THREE_GPP_CT_STATEMENTS,
  ...ITU_T_STATEMENTS,
  ...IEEE_BBF_STATEMENTS,
  ...OTHER_SDO_STATEMENTS,
  ...LEADERSHIP_STATEMENTS,
];
