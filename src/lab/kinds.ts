/**
 * Every model kind a scenario can name in `model.kind`. Adding a kind is one file in `kinds/` and
 * one line here; the scenario schema and `rtolab schema` follow.
 */
import type { ModelKind } from "../contracts/model-kind.ts";
import { queueStationKind } from "./kinds/queue-station.ts";
import { priorityStationKind } from "./kinds/priority-station.ts";
import { fleetKind } from "./kinds/fleet.ts";
import { vmBootKind } from "./kinds/vm-boot.ts";
import { restoreKind } from "./kinds/restore.ts";

export const modelKinds: readonly ModelKind[] = [queueStationKind as ModelKind, priorityStationKind as ModelKind, vmBootKind as ModelKind, fleetKind as ModelKind, restoreKind as ModelKind];
