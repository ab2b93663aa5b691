-- Server-side sessions (issue 13, item 6): the session cookie names a row here; signing out deletes it, so a
-- copied or replayed cookie stops working at once, and the 12 h lifetime is absolute from sign-in.
-- CreateTable
CREATE TABLE "Session" (
    "id" CHAR(64) NOT NULL,
    "personId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_personId_idx" ON "Session"("personId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
