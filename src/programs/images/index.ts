/**
 * Tools that belong to images rather than the host's base system: package managers, gosu, the
 * PostgreSQL server and client. Registered last, so the host's earlier programs keep their order.
 */
import type { ProgramDef } from "../../kernel/api";
import { initdb } from "../servers/initdb";
import { pgCtl } from "../servers/pgctl";
import { postgres } from "../servers/postgres";
import { apk } from "./apk";
import { apt, aptGet } from "./apt";
import { dpkg } from "./dpkg";
import { dpkgQuery } from "./dpkg-query";
import { gosu } from "./gosu";
import { psql } from "./psql";

export const imagePrograms: ProgramDef[] = [gosu, postgres, initdb, pgCtl, psql, apk, aptGet, apt, dpkg, dpkgQuery];
